# lit configuration for struct-layout's end-to-end tests.
import os
import shutil
import sys
import lit.formats

config.name = "struct-layout"
config.struct_layout = lit_config.params["struct_layout"]
config.llvm_tools_dir = lit_config.params.get("llvm_tools_dir", "/usr/lib/llvm-19/bin")
config.obj_root = lit_config.params.get("obj_root", "/tmp/struct-layout-lit")
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "real", "npm", "cases", "compare.py", "check_fix.py", "check_clang_tidy.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.obj_root, "out")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "/usr/bin:/bin")])
config.environment["TERM"] = "dumb"
config.substitutions.append(("%struct-layout-bin", config.struct_layout))
config.substitutions.append(("%struct-layout", config.struct_layout + " --use-color=false"))
config.substitutions.append(("%llvm-bin", config.llvm_tools_dir))
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
# The clang-tidy plugin and the real clang-tidy-19 that loads it.
config.tidy_plugin = lit_config.params.get("tidy_plugin", "")
config.environment["STRUCT_LAYOUT_TIDY_PLUGIN"] = config.tidy_plugin
config.environment["CLANG_TIDY"] = os.path.join(config.llvm_tools_dir, "clang-tidy")
config.substitutions.append(("%tidy-plugin-dir", os.path.dirname(config.tidy_plugin)))
config.substitutions.append(("%tidy-plugin", config.tidy_plugin))
# The Clang plugin that writes facts during a build.
config.substitutions.append(("%facts-plugin", lit_config.params.get("facts_plugin", "")))
config.substitutions.append(("%clang-tidy", os.path.join(config.llvm_tools_dir, "clang-tidy")))
config.substitutions.append(("%run-clang-tidy", os.path.join(config.llvm_tools_dir, "run-clang-tidy")))
config.substitutions.append(("%check_clang_tidy", "%s %s" % (
    sys.executable, os.path.join(config.test_source_root, "tidy", "check_clang_tidy.py"))))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%build-dir", lit_config.params.get("build_dir", "")))
# The validators scripts/install-deps.sh installs from npm: Microsoft's SARIF
# multitool (its native binary: the npm shim splits ';' in arguments) and Ajv.
npm_bin = os.path.join(config.test_source_root, "npm", "node_modules")
config.substitutions.append(("%sarif-multitool", os.path.join(
    npm_bin, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")))
config.substitutions.append(("%ajv", os.path.join(npm_bin, ".bin", "ajv")))
config.substitutions.append(("%docs", os.path.join(
    os.path.dirname(config.test_source_root), "docs")))
config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
config.environment["HOME"] = os.environ.get("HOME", "/tmp")
if shutil.which("clang-tidy-14"):
    config.available_features.add("clang-tidy-14")
if shutil.which("pahole"):
    config.available_features.add("pahole")
# Longest first, so %clang-tidy is not read as %clang followed by "-tidy".
config.substitutions.sort(key=lambda s: -len(s[0]))
