// Swagger UI 5.33.1 (swagger-ui-dist, Apache 2.0: swagger-ui/LICENSE), as published in the PyPI package
// drf-spectacular-sidecar 2026.10.1, embedded with C23's #embed: clang reads the files at compile time in well under
// a second, where a Swift array literal of the same bytes takes minutes to type-check.
#include "docs_assets.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char swagger_ui_bundle_js[] = {
#embed "swagger-ui/swagger-ui-bundle.js"
};

static const unsigned char swagger_ui_css[] = {
#embed "swagger-ui/swagger-ui.css"
};

const unsigned char *loom_swagger_ui_bundle_js(unsigned long *size) {
    *size = sizeof(swagger_ui_bundle_js);
    return swagger_ui_bundle_js;
}

const unsigned char *loom_swagger_ui_css(unsigned long *size) {
    *size = sizeof(swagger_ui_css);
    return swagger_ui_css;
}
