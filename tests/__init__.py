
import os

# Three xdist workers share two cores: numpy's BLAS (the meaning model's matrices) runs in one
# thread in each, set here before anything imports numpy, so its threads do not fight the
# other workers for the cores (a run alone is a little slower, the suite a little faster).
for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")
