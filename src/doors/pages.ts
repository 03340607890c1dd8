// The review interface in the shell; also the door for any path no other door names (its 404).
import { createPages } from "../pages";
import { shellAround } from "./shell";

export default shellAround(createPages());
