// GDAL's C API: datasets and vector layers (OGR), spatial references, settings.
// Used only when servicegap is built with the GDAL trait.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
