import LoomRuntime

struct Queue: QueueCallback {
    func execute(_ event: JobFailed, context: QueueContext) async throws {
        throw LoomError.notImplemented(message: "callback 'Queue' is not written yet")
    }
}
