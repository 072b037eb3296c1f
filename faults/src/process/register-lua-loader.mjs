// Loaded with --import after tsx, so its load hook runs first for .lua files.
import { register } from 'node:module';

register('./lua-loader-hooks.mjs', import.meta.url);
