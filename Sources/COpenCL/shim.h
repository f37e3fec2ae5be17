// The OpenCL C API: on Linux as installed by Debian's `opencl-headers` and linked through the ICD
// loader (`ocl-icd-opencl-dev`); on macOS from the system's OpenCL.framework (Package.swift links
// it there). Descent targets the OpenCL 1.2 API so that every vendor's driver and PoCL accept the
// same calls.
#ifndef DESCENT_COPENCL_SHIM_H
#define DESCENT_COPENCL_SHIM_H
#define CL_TARGET_OPENCL_VERSION 120
#ifdef __APPLE__
#define CL_SILENCE_DEPRECATION 1
#include <OpenCL/opencl.h>
#else
#include <CL/cl.h>
#endif
#endif
