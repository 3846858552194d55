/// The `x-request-id` a client sends with every request (and every retry of it): the server logs it and answers
/// errors with it as `traceId`, so a failure a user reports can be found in the server's logs.
public enum LoomRequestID {
    public static let headerName = "x-request-id"

    /// 128 random bits as 32 lower-case hex digits, the form the server makes its own ids in.
    @Sendable public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(32)
        for _ in 0..<2 {
            let bits = generator.next() as UInt64
            for index in 0..<16 { text.append(digits[Int((bits >> (60 - 4 * UInt64(index))) & 0xf)]) }
        }
        return text
    }
}
