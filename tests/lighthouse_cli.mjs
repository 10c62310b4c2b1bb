// Lighthouse's own command line (what node_modules/lighthouse/cli/index.js runs), then exit. After it has written
// its report and killed Chrome, its command line keeps Node running about 2 s more (a timer); the quality gate
// runs it twice per page (tests/test_quality_gates.py). An error still ends the process with Lighthouse's own code.
import {begin} from '../node_modules/lighthouse/cli/bin.js';

await begin();
process.exit(0);
