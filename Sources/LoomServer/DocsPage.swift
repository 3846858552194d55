import CLoomDocsAssets
import Hummingbird
import LoomHTTP

/// `GET /docs`: Swagger UI over the server's own `/openapi.json`, its script and style served from the binary
/// (`CLoomDocsAssets`), so the page works offline and behind a firewall.
enum DocsPage {
    static func register<Context: LoomRequestContext>(on router: Router<Context>, title: String) {
        let page = html(title: title)
        router.get("/docs") { _, _ in asset(page, type: "text/html; charset=utf-8", cache: "no-cache") }
        let script = bytes(loom_swagger_ui_bundle_js)
        router.get("/docs/swagger-ui-bundle.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
        let style = bytes(loom_swagger_ui_css)
        router.get("/docs/swagger-ui.css") { _, _ in asset(style, type: "text/css; charset=utf-8") }
    }

    static func html(title: String) -> ByteBuffer {
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return ByteBuffer(string: """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(escaped)</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
              </script>
            </body>
            </html>

            """)
    }

    /// The embedded file, copied once into a buffer that every response shares.
    static func bytes(_ accessor: (UnsafeMutablePointer<UInt>?) -> UnsafePointer<UInt8>?) -> ByteBuffer {
        var size: UInt = 0
        guard let start = accessor(&size) else { return ByteBuffer() }
        return ByteBuffer(bytes: UnsafeBufferPointer(start: start, count: Int(size)))
    }

    /// The assets change only with the binary: a day's caching spares a reload the 1.6 MB script.
    static func asset(_ body: ByteBuffer, type: String, cache: String = "public, max-age=86400") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = cache
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
