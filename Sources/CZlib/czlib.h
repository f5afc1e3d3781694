// zlib, the compression HdrHistogram's standard encoding wraps its counts in. Only Report
// imports this module; compress2/uncompress are plain (non-variadic) C, callable as they are.
#include <zlib.h>
