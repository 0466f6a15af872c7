// zlib's raw inflate, for the deflated members of zip files (GTFS feeds).
#include <zlib.h>
