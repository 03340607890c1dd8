// The pages' stylesheet and keyboard script in the shell.
import { assetRoutes } from "../pages/asset-routes";
import { shellAround } from "./shell";

export default shellAround(assetRoutes());
