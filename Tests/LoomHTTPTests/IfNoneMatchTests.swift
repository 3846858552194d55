@testable import LoomHTTP
import Testing

/// `If-None-Match` as clients send it (RFC 9110 §13.1.2), and as Swift OpenAPI Generator's clients send it.
@Suite("If-None-Match")
struct IfNoneMatchTests {
    @Test func tagsMatchAsSent() {
        #expect(ReadCaching.matches(#""abc""#, #""abc""#))
        #expect(ReadCaching.matches(#"W/"abc""#, #""abc""#))
        #expect(ReadCaching.matches(#""x", "abc""#, #""abc""#))
        #expect(ReadCaching.matches("*", #""abc""#))
        #expect(!ReadCaching.matches(#""abd""#, #""abc""#))
    }

    /// Its clients percent-encode header values (apple/swift-openapi-generator#529): `"abc"` arrives as `%22abc%22`.
    @Test func percentEncodedTagsMatchDecoded() {
        #expect(ReadCaching.matches("%22abc%22", #""abc""#))
        #expect(ReadCaching.matches("W/%22abc%22", #""abc""#))
        #expect(!ReadCaching.matches("%22abd%22", #""abc""#))
        #expect(!ReadCaching.matches("%zz", #""abc""#))
    }
}
