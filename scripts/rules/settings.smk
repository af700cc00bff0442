# Settings: config/config.yaml, read with a clear message if its YAML is malformed, then
# checked against config/config.schema.yaml.
import yaml
from snakemake.utils import validate

try:
    yaml.safe_load(Path("config/config.yaml").read_text(encoding="utf-8"))
except yaml.YAMLError as err:
    raise WorkflowError(f"config/config.yaml: malformed YAML: {err}")


configfile: "config/config.yaml"


# `--config strict=true` arrives as text; read true/false as the booleans they mean.
if str(config.get("strict")).lower() in ("true", "false"):
    config["strict"] = str(config["strict"]).lower() == "true"


validate(config, "../../config/config.schema.yaml")
