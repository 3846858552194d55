import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A client that connects and then sends nothing is disconnected after `IDLE_TIMEOUT_SECONDS`, so idle or stalled
/// connections cannot pile up.
@Suite("Idle connections")
struct StoreIdleTimeoutTests {
    @Test func anIdleConnectionIsClosed() async throws {
        let server = try await ServerProcess.start(backend: .sqlite, environment: ["IDLE_TIMEOUT_SECONDS": "1"])
        defer { server.stop() }
        let port = try #require(server.baseURL.port)

        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        // Wait at most 10 s for the server to hang up: a read of 0 bytes is the close.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        var byte: UInt8 = 0
        let received = read(socket, &byte, 1)
        #expect(received == 0, "the server kept the idle connection open")
        #expect(Date().timeIntervalSince(started) < 8)
    }
}
