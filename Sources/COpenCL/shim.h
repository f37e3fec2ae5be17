// The OpenCL C API, as installed by Debian's `opencl-headers` and linked through the ICD loader
// (`ocl-icd-opencl-dev`). Descent targets the OpenCL 1.2 API so that every vendor's driver and
// PoCL accept the same calls.
#ifndef DESCENT_COPENCL_SHIM_H
#define DESCENT_COPENCL_SHIM_H
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#endif
