// GET /healthz in the shell: a load balancer's probe loads nothing else.
import { health } from "../api/health/routes";
import { shellAround } from "./shell";

export default shellAround(health);
