npm run bench                                    # builds the packages, installs bench/'s own deps, runs
BENCH_DURATION=2 BENCH_REPS=1 node bench/run.js  # a quick run once built
node bench/profile.js trellis S3                 # node --cpu-prof under S3's load, top frames printed
