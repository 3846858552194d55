// The naming-stress schema's typed client, generated here by the build plugin: it compiling is the test.
