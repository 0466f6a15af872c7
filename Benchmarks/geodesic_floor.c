/* The floor under the straight-line nearest-service stage: how long PROJ's geod_inverse
 * (the geodesic BRIEF prescribes) takes for the 4 million unit-category pairs of the
 * national run, on one core, for pairs a few kilometres apart in Sweden.
 *
 *   cc -O2 Benchmarks/geodesic_floor.c -o /tmp/geodesic_floor -lproj -lm && /tmp/geodesic_floor
 */
#include <geodesic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  struct geod_geodesic g;
  geod_init(&g, 6378137, 1 / 298.257223563);
  const int n = 4000000;
  double *pairs = malloc(sizeof(double) * n * 4);
  if (!pairs) return 1;
  srand(1);
  for (int i = 0; i < n; i++) {
    double lon = 11 + 13.0 * rand() / RAND_MAX, lat = 55 + 14.0 * rand() / RAND_MAX;
    pairs[4 * i] = lat;
    pairs[4 * i + 1] = lon;
    pairs[4 * i + 2] = lat + 0.03 * (rand() / (double)RAND_MAX - 0.5);
    pairs[4 * i + 3] = lon + 0.06 * (rand() / (double)RAND_MAX - 0.5);
  }
  double sum = 0, start = now();
  for (int i = 0; i < n; i++) {
    double metres;
    geod_inverse(&g, pairs[4 * i], pairs[4 * i + 1], pairs[4 * i + 2], pairs[4 * i + 3], &metres,
                 0, 0);
    sum += metres;
  }
  double seconds = now() - start;
  printf("%d geod_inverse calls: %.2f s on one core (%.2f us each; checksum %.0f)\n", n, seconds,
         seconds / n * 1e6, sum);
  free(pairs);
  return 0;
}
