import Foundation
import HummingbirdTesting
import NIOCore

/// A request body from JSON text.
func json(_ text: String) -> ByteBuffer {
    ByteBuffer(string: text)
}

/// A response body as a JSON object (empty when it is not one).
func object(_ response: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
}

/// The error envelope's `detail`.
func detail(_ response: TestResponse) -> [String: Any] {
    object(response)["detail"] as? [String: Any] ?? [:]
}

/// The envelope's violations as `field: message` lines.
func violations(_ response: TestResponse) -> [String] {
    (detail(response)["violations"] as? [[String: String]] ?? []).map { "\($0["field"] ?? ""): \($0["message"] ?? "")" }
}
