// Only the declaration in include/CFuzzerDriver.h is needed; libFuzzer itself comes from
// compiler-rt, linked by `-sanitize=fuzzer`.
#include "CFuzzerDriver.h"
