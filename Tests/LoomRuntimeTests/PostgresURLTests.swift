import LoomPostgres
import Testing

/// Connection strings: a typo in `sslmode` is refused (never silently plaintext), TLS is preferred by default, and a
/// password never appears in a message.
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func unknownSSLModesAreRefused() {
        for mode in ["requre", "verify_full", "on", ""] {
            #expect(throws: PostgresURL.InvalidURL.self) {
                try PostgresURL.configuration(from: "postgres://app:s3cret@db.internal/shop?sslmode=\(mode)")
            }
        }
        for mode in ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] {
            #expect(throws: Never.self) { try PostgresURL.configuration(from: "postgres://app@db/shop?sslmode=\(mode)") }
        }
    }

    @Test func tlsIsPreferredByDefault() throws {
        let configuration = try PostgresURL.configuration(from: "postgres://app@db/shop")
        #expect(String(describing: configuration.tls).contains("prefer"))
        let plain = try PostgresURL.configuration(from: "postgres://app@db/shop?sslmode=disable")
        #expect(String(describing: plain.tls).contains("disable"))
    }

    @Test func passwordsNeverAppearInMessages() {
        #expect(PostgresURL.redacted("postgres://app:s3cret@db:5432/shop?sslmode=require") == "postgres://app:***@db:5432/shop?sslmode=require")
        #expect(PostgresURL.redacted("postgres://app@db/shop") == "postgres://app@db/shop")
        #expect(PostgresURL.redacted("postgres://app:s3cret@") == "postgres://app:***@")
        for url in ["postgres://app:s3cret@/shop", "postgres://app:s3cret@db/shop?sslmode=requre"] {
            do {
                _ = try PostgresURL.configuration(from: url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!String(describing: error).contains("s3cret"), "\(error)")
            }
        }
    }
}
