// PROJ's transformation API and its geodesic routines (Karney's algorithms).
#include <proj.h>
#include <geodesic.h>
