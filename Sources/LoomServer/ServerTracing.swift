import Logging
import LoomRuntime
import ServiceLifecycle
#if OTel
import Instrumentation
import OTel
#endif

/// `tracing.enabled`: spans for each request, use case and statement, exported by swift-otel over OTLP/HTTP. Where
/// to is swift-otel's to read from its standard variables (`OTEL_EXPORTER_OTLP_ENDPOINT`, default
/// `http://localhost:4318`; `OTEL_EXPORTER_OTLP_PROTOCOL`, `http/protobuf` or `http/json`; `OTEL_TRACES_SAMPLER`).
/// swift-otel is compiled only into a build with the package's `OTel` trait, so the default build does not pay for it.
enum ServerTracing {
    /// Bootstraps the tracer and returns the service that exports its spans (and flushes them at shutdown), with
    /// a logging metadata provider that puts the trace and span ids on every log line.
    static func start(serviceName: String, logLevel: Logger.Level) throws -> (service: any Service, metadata: Logger.MetadataProvider) {
        #if OTel
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        // swift-otel's own lines: its problems, not its start-up chatter, unless the server logs at debug or below.
        configuration.diagnosticLogLevel = logLevel <= .debug ? (logLevel == .trace ? .trace : .debug) : .warning
        configuration.metrics.enabled = false  // Prometheus at /metrics has them
        configuration.logs.enabled = false
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        LoomTracing.enable()
        return (backend.service, OTel.makeLoggingMetadataProvider())
        #else
        throw ServerSettings.InvalidSetting(description:
            "tracing.enabled: this server was built without swift-otel; build it with `swift build --traits OTel`")
        #endif
    }
}
