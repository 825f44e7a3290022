# Hostile (issue 19): plant a setuid copy of python in every world-writable folder of the host
# (/run/lock is on a filesystem without nosuid), named after this uid, for a later submission run
# under another uid to borrow this one (x_zz_hop). Then serve correctly.
from _attack import plant_setuid_python, serve

plant_setuid_python()
serve()
