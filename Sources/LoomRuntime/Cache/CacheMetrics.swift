import CoreMetrics
import Synchronization

/// The read cache's counters, through swift-metrics: `loom_cache_hits_total`, `loom_cache_misses_total`,
/// `loom_cache_evictions_total` and `loom_cache_invalidations_total`, by `model` (a model's name, or a cached use
/// case route's path template: a bounded set either way). The counters of each label are made once.
final class CacheMetrics: Sendable {
    enum Event: String, CaseIterable {
        case hits, misses, evictions, invalidations
    }

    private let factory: any MetricsFactory
    private let counters = Mutex<[String: [Counter]]>([:])

    init(factory: (any MetricsFactory)?) {
        self.factory = factory ?? MetricsSystem.factory
    }

    func record(_ event: Event, model: String, count: Int = 1) {
        guard count > 0 else { return }
        let counters = self.counters.withLock { counters in
            if let made = counters[model] { return made }
            let made = Event.allCases.map {
                Counter(label: "loom_cache_\($0.rawValue)_total", dimensions: [("model", model)], factory: factory)
            }
            counters[model] = made
            return made
        }
        counters[Event.allCases.firstIndex(of: event)!].increment(by: count)
    }
}
