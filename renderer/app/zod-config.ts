// Zod probes `new Function` to decide whether to compile validators; our CSP forbids eval, so the
// probe would log a violation. Jitless mode skips it. Imported first by main.tsx.
import { z } from 'zod';

z.config({ jitless: true });
