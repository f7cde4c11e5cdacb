/*
 * The reference: a hand-written, single-core C kernel of the same cohort-component step as
 * ProjectionStep.Advance (no migration pool), for docs/performance.md's ratios. It reads the
 * input the benchmark program exports (bench/c-kernel/run.sh), projects it `years` years again
 * and again, and prints the mean time per projection and the final total, which must equal the
 * engine's (the same arithmetic per cell). Like the engine it keeps each
 * cell's exposure (births need the women's); unlike the engine it keeps no flows at all (the engine
 * sums each flow as it goes and stores them by age on request).
 *
 *   exposure = (cohort + (in + immigrants + newborn) / 2) / (1 + (m + o + e) / 2)
 *   end      = (cohort + newborn + in + immigrants) - (m + o + e) · exposure   (never below 0)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void read_or_die(void *to, size_t size, size_t count, FILE *f) {
    if (fread(to, size, count, f) != count) { fprintf(stderr, "input file too short\n"); exit(2); }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: kernel INPUT [repetitions]\n"); return 2; }
    int repetitions = argc > 2 ? atoi(argv[2]) : 2000;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    int header[4];
    read_or_die(header, sizeof(int), 4, f);
    const int R = header[0], C = header[1], A = header[2], Y = header[3];
    const int women = A; /* cells: men 0..A-1, women A..2A-1 */
    double *base = malloc(sizeof(double) * R * C), *mort = malloc(sizeof(double) * R * C), *out = malloc(sizeof(double) * R * C);
    double *emig = malloc(sizeof(double) * R * C), *in = malloc(sizeof(double) * R * C), *imm = malloc(sizeof(double) * R * C);
    double *fert = malloc(sizeof(double) * R * A), *ratio = malloc(sizeof(double) * R), *factor = malloc(sizeof(double) * Y * C);
    double *fertility_factor = malloc(sizeof(double) * Y * R); /* each region's fertility path, year by year */
    for (int r = 0; r < R; r++) {
        read_or_die(base + r * C, sizeof(double), C, f);
        read_or_die(mort + r * C, sizeof(double), C, f);
        read_or_die(out + r * C, sizeof(double), C, f);
        read_or_die(emig + r * C, sizeof(double), C, f);
        read_or_die(in + r * C, sizeof(double), C, f);
        read_or_die(imm + r * C, sizeof(double), C, f);
        read_or_die(fert + r * A, sizeof(double), A, f);
        read_or_die(ratio + r, sizeof(double), 1, f);
    }
    read_or_die(factor, sizeof(double), (size_t)Y * C, f);
    read_or_die(fertility_factor, sizeof(double), (size_t)Y * R, f);
    double expected;
    read_or_die(&expected, sizeof(double), 1, f);
    fclose(f);

    double *a = malloc(sizeof(double) * R * C), *b = malloc(sizeof(double) * R * C), *exposure = malloc(sizeof(double) * C);
    double total = 0, best = 1e30, sum = 0;
    for (int rep = 0; rep < repetitions; rep++) {
        memcpy(a, base, sizeof(double) * R * C);
        double started = now_seconds();
        for (int t = 1; t <= Y; t++) {
            const double *g = factor + (size_t)(t - 1) * C;
            for (int r = 0; r < R; r++) {
                const double *s = a + r * C, *mr = mort + r * C, *or_ = out + r * C, *er = emig + r * C, *ir = in + r * C, *xr = imm + r * C;
                double *e = b + r * C;
                for (int sex = 0; sex < 2; sex++) {
                    const int o0 = sex * A;
                    for (int age = 1; age < A; age++) {
                        const int c = o0 + age;
                        const double cohort = s[c - 1] + (age == A - 1 ? s[c] : 0);
                        double m = mr[c] * g[c], o = or_[c], em = er[c];
                        double exits = m + o + em;
                        if (exits > 2.0) { double k = 2.0 / exits; m *= k; o *= k; em *= k; exits = m + o + em; }
                        const double x = (cohort + 0.5 * (ir[c] + xr[c])) / (1.0 + 0.5 * exits);
                        exposure[c] = x;
                        const double p = (cohort + (ir[c] + xr[c])) - exits * x;
                        e[c] = p > 0 ? p : 0;
                    }
                }
                double births = 0;
                for (int age = 0; age < A; age++) births += fert[r * A + age] * exposure[women + age];
                births *= fertility_factor[(size_t)(t - 1) * R + r];
                const double boys = births * ratio[r] / (1 + ratio[r]);
                for (int sex = 0; sex < 2; sex++) {
                    const int c = sex * A;
                    const double newborn = sex == 0 ? boys : births - boys;
                    double m = mr[c] * g[c], o = or_[c], em = er[c];
                    double exits = m + o + em;
                    if (exits > 2.0) { double k = 2.0 / exits; m *= k; o *= k; em *= k; exits = m + o + em; }
                    const double x = (0.5 * (ir[c] + xr[c] + newborn)) / (1.0 + 0.5 * exits);
                    exposure[c] = x;
                    const double p = (newborn + (ir[c] + xr[c])) - exits * x;
                    e[c] = p > 0 ? p : 0;
                }
            }
            double *swap = a; a = b; b = swap;
        }
        double took = now_seconds() - started;
        sum += took;
        if (took < best) best = took;
        total = 0;
        for (int i = 0; i < R * C; i++) total += a[i];
    }
    printf("C kernel: %d regions x %d cells x %d years; mean %.1f us, best %.1f us per projection over %d; total %.6f (engine %.6f, relative difference %.1e)\n",
           R, C, Y, 1e6 * sum / repetitions, 1e6 * best, repetitions, total, expected, (total - expected) / expected);
    return 0;
}
