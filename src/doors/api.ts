// The JSON API under /api/ (with /api/docs and its stylesheet) in the shell.
import { createApi } from "../api";
import { shellAround } from "./shell";

export default shellAround(createApi());
