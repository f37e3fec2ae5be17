// The MPI C API from Open MPI (`libopenmpi-dev`, pkg-config `ompi-c`). Open MPI spells its
// predefined handles as macros that take the address of a global (`MPI_COMM_WORLD` is
// `((MPI_Comm) &ompi_mpi_comm_world)`), which Swift cannot import; the functions below return them.
// No Swift API of its own: DescentMPI wraps these calls.
#ifndef DESCENT_CMPI_SHIM_H
#define DESCENT_CMPI_SHIM_H
#include <mpi.h>

static inline MPI_Comm descent_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm descent_mpi_comm_null(void) { return MPI_COMM_NULL; }
static inline MPI_Info descent_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline MPI_Errhandler descent_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }

static inline MPI_Datatype descent_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype descent_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype descent_mpi_int64(void) { return MPI_INT64_T; }

static inline MPI_Op descent_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op descent_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op descent_mpi_min(void) { return MPI_MIN; }

/// `MPI_IN_PLACE` is `(void *) 1`, not a pointer Swift can form on its own.
static inline void *descent_mpi_in_place(void) { return MPI_IN_PLACE; }

/// Integer constants that are enum members or plain macros; returned as `int` so their Swift
/// types match the `int` parameters of the calls that take them.
static inline int descent_mpi_success(void) { return MPI_SUCCESS; }
static inline int descent_mpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int descent_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }
static inline int descent_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }
#endif
