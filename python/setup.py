# The optviz Python binding: pure Python over liboptviz (ctypes), so it
# installs offline from the checkout with the system's setuptools:
#     pip install ./python          (pip >= 23 on Debian: in a venv, or
#                                    with --break-system-packages)
# and finds the library through $OPTVIZ_LIB or the system library path.
from setuptools import setup

setup(
    name="optviz",
    version="0.1.0",
    description="Optimizer trajectories and their figures (ctypes binding "
                "over liboptviz)",
    packages=["optviz"],
    install_requires=["numpy"],
    python_requires=">=3.8",
    license="MIT",
)
