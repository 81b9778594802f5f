# lit configuration for struct-layout's end-to-end tests.
import os
import shutil
import lit.formats

config.name = "struct-layout"
config.struct_layout = lit_config.params["struct_layout"]
config.llvm_tools_dir = lit_config.params.get("llvm_tools_dir", "/usr/lib/llvm-19/bin")
config.obj_root = lit_config.params.get("obj_root", "/tmp/struct-layout-lit")
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "real", "compare.py", "check_fix.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.obj_root, "out")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "/usr/bin:/bin")])
config.environment["TERM"] = "dumb"
config.substitutions.append(("%struct-layout-bin", config.struct_layout))
config.substitutions.append(("%struct-layout", config.struct_layout + " --use-color=false"))
config.substitutions.append(("%llvm-bin", config.llvm_tools_dir))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
if shutil.which("pahole"):
    config.available_features.add("pahole")
