#ifndef LOOM_DOCS_ASSETS_H
#define LOOM_DOCS_ASSETS_H

/// Swagger UI's files, compiled into the binary so `GET /docs` works offline and with nothing to install beside it.
const unsigned char *loom_swagger_ui_bundle_js(unsigned long *size);
const unsigned char *loom_swagger_ui_css(unsigned long *size);

#endif
