// Reference LAPACKE 3.11 (Debian: liblapacke-dev) over OpenBLAS's LAPACK.
#include <lapacke.h>
