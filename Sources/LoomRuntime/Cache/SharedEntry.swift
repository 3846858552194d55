/// An answer as the shared level stores it: the versions it recorded, its entity tag and its body, in one value
/// (`v1,v2,…\n"etag"\n` then the body's bytes), so one read brings back all three.
enum SharedEntry {
    static func encode(versions: [UInt64], answer: ReadCache.Answer) -> [UInt8] {
        var bytes = Array((versions.map(String.init).joined(separator: ",") + "\n" + answer.etag + "\n").utf8)
        bytes.append(contentsOf: answer.body)
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> (versions: [UInt64], answer: ReadCache.Answer)? {
        guard let first = bytes.firstIndex(of: UInt8(ascii: "\n")),
              let second = bytes[(first + 1)...].firstIndex(of: UInt8(ascii: "\n"))
        else { return nil }
        let header = String(decoding: bytes[..<first], as: UTF8.self)
        let versions = header.isEmpty ? [] : header.split(separator: ",", omittingEmptySubsequences: false).map { UInt64($0) }
        guard !versions.contains(nil) else { return nil }
        let etag = String(decoding: bytes[(first + 1)..<second], as: UTF8.self)
        return (versions.map { $0! }, ReadCache.Answer(body: Array(bytes[(second + 1)...]), etag: etag))
    }
}
