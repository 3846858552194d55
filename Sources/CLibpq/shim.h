// Debian's libpq-dev (PostgreSQL 15's client): the asynchronous API with pipeline mode (PQenterPipelineMode, 14+).
// Included by its path under /usr/include, so the build needs no pkg-config.
#include <postgresql/libpq-fe.h>
// The pipeline driver's thread sleeps in poll() on the connection's socket and an eventfd.
#include <poll.h>
#include <sys/eventfd.h>
