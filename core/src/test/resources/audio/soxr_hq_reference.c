#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
/* raw f32 mono in -> soxr HQ (python-soxr/librosa 'soxr_hq' defaults) -> raw f32 out of ceil(n*out/in) samples */
int main(int argc, char **argv) {
  double in_rate = atof(argv[1]), out_rate = atof(argv[2]);
  FILE *f = fopen(argv[3], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f) / 4; fseek(f, 0, SEEK_SET);
  float *x = malloc(n * 4); fread(x, 4, n, f); fclose(f);
  size_t olen = (size_t) ceil(n * out_rate / in_rate);
  float *y = calloc(olen, 4); size_t odone = 0;
  soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
  soxr_error_t err = soxr_oneshot(in_rate, out_rate, 1, x, n, NULL, y, olen, &odone, &io, &q, NULL);
  if (err) { fprintf(stderr, "%s\n", err); return 1; }
  fprintf(stderr, "in %ld out %zu done %zu\n", n, olen, odone);
  FILE *o = fopen(argv[4], "wb"); fwrite(y, 4, olen, o); fclose(o); return 0;
}
