#!/usr/bin/env node
import { createProgram } from './program';
import { reportFatal } from './output/fatal';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportFatal(error);
  });
