// Debian's libhiredis-dev (0.14): the blocking client API. No pkg-config in the target: hiredis.pc puts a -D flag in
// its Cflags, which SwiftPM refuses with a warning on every build; the header is on the default include path.
#include <hiredis/hiredis.h>
