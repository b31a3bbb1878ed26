import Engine from "../legacy/engine";
export default Engine;
