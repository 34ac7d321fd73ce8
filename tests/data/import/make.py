#!/usr/bin/env python3
"""Makes the landscape files of tests/data/import (run from that folder
with Debian's python3, python3-numpy and python3-h5py).

Every file holds the same grid, z = 2x + 3y + xy at uneven coordinates:
bilinear, so optviz's bilinear read-outs must give the formula exactly
at any point inside it (tests/cli/test_import.sh checks that).
"""
import json
import numpy as np

x = np.array([-2.0, -1.0, 0.5, 2.0, 3.0])
y = np.array([-1.0, 0.0, 1.5, 4.0])
X, Y = np.meshgrid(x, y)            # shape (ny, nx): Z[j, i] = f(x[i], y[j])
Z = 2 * X + 3 * Y + X * Y

# Long form, rows shuffled.
rows = [(xi, yj, 2 * xi + 3 * yj + xi * yj) for xi in x for yj in y]
rng = np.random.default_rng(0)
with open('grid_long.csv', 'w') as f:
    f.write('x,y,loss\n')
    for k in rng.permutation(len(rows)):
        f.write('%r,%r,%r\n' % rows[k])
# Matrix, the rows top down (y decreasing), as an image.
with open('grid_matrix.csv', 'w') as f:
    f.write('y\\x,' + ','.join(repr(v) for v in x) + '\n')
    for j in reversed(range(len(y))):
        f.write(repr(y[j]) + ',' + ','.join(repr(v) for v in Z[j]) + '\n')
np.save('grid_stack.npy', np.stack([X, Y, Z]))
np.save('grid_plain.npy', Z.astype(np.float32))   # coordinates 0..n-1
np.savez('grid.npz', x=x, y=y, loss=Z)
np.savez_compressed('grid_deflated.npz', xs=x, ys=y, values=Z)
# PascalSun/LossLandscape: X[i][j] = x_i, Y[i][j] = y_j, loss[i][j].
with open('grid_losslandscape.json', 'w') as f:
    json.dump({'X': X.T.tolist(), 'Y': Y.T.tolist(),
               'loss_grid_2d': Z.T.tolist(), 'grid_size': len(x),
               'mode': '2d',
               'trajectory_data': {'traj_1': [-1.5, -0.5, 1.0, 2.5],
                                   'traj_2': [3.0, 1.0, 0.5, -0.5],
                                   'epochs': [0, 1, 2, 3]}}, f)
try:
    import h5py
except ImportError:
    h5py = None
if h5py:
    # tomgoldstein/loss-landscape: xcoordinates, ycoordinates and
    # train_loss filled through ravel() of meshgrid(x, y).
    with h5py.File('grid_surface.h5', 'w') as f:
        f['xcoordinates'] = x
        f['ycoordinates'] = y
        losses = -np.ones((len(x), len(y)))
        losses.ravel()[:] = Z.ravel()
        f['train_loss'] = losses
        f['train_acc'] = np.zeros((len(x), len(y)))
