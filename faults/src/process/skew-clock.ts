// Preload (--import) for a worker whose machine clock is wrong: Date.now() is shifted by
// FAULTS_CLOCK_SKEW_MS. The library reads time through Date.now(), so the whole process is skewed.
const skewMs = Number(process.env.FAULTS_CLOCK_SKEW_MS ?? '0');
const realNow = Date.now.bind(Date);
Date.now = (): number => realNow() + skewMs;
