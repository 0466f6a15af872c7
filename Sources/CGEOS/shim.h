// Hide the non-reentrant GEOS API, as shapely does: every call takes a context.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
