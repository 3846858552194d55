import CoreMetrics

/// The connection pool's occupancy, through swift-metrics (Prometheus at `GET /metrics`):
/// `loom_db_connections_in_use` (leased to a statement or a transaction), `loom_db_connection_waiters` (requests
/// waiting for one) and `loom_db_connections_max` (the pool's size). postgres-nio keeps its pool's own figures
/// (connections open and idle) internal, so those are not here.
struct PoolMetrics: Sendable {
    let inUse: Meter
    let waiters: Meter

    init(maximum: Int) {
        inUse = Meter(label: "loom_db_connections_in_use")
        waiters = Meter(label: "loom_db_connection_waiters")
        Gauge(label: "loom_db_connections_max").record(maximum)
    }
}
