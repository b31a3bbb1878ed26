import Engine from "../agents/execution-engine";
export default Engine;
