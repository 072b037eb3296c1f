// node --import ./register-lua.mjs: lets a process import the .lua files of src/ from source.
import { register } from 'node:module';

register('./lua-hooks.mjs', import.meta.url);
