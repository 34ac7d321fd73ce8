/*
 * simple.c: liboptviz from C.  Runs Adam and gradient descent on
 * Himmelblau's function, prints where each ended, and writes the figure.
 *
 *   cc simple.c $(pkg-config --cflags --libs optviz) -o simple
 *   ./simple himmelblau.png
 */
#include <stdio.h>

#include <optviz/optviz.h>

static int
or_die(ov_status st, const char *what)
{
    if (st != OV_OK) {
        fprintf(stderr, "simple: %s: %s\n", what, ov_status_str(st));
        return 1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "himmelblau.png";
    ov_loss *loss = NULL;
    ov_trajectory *trajs[2] = { NULL, NULL };
    ov_algo algos[2] = { OV_ALGO_ADAM, OV_ALGO_GD };
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_figure_spec spec = OV_FIGURE_SPEC_INIT;
    ov_output *out = NULL;
    int i, rc_exit = 1;

    if (or_die(ov_loss_create(&loss, "himmelblau", NULL, OV_REDUCTION_MEAN,
                              NULL), "loss"))
        return 1;
    rc.steps = 200;
    for (i = 0; i < 2; i++) {
        ov_optim_config cfg;
        const ov_traj_row *last;
        ov_optim_config_init(&cfg, algos[i]);
        cfg.lr = ov_loss_recommended_lr(loss, algos[i]);
        if (or_die(ov_run(&trajs[i], loss, &cfg, &rc, NULL), "run"))
            goto done;
        last = &trajs[i]->rows[trajs[i]->n_rows - 1];
        printf("%-5s lr=%-6g -> (%.6f, %.6f), loss %.3g\n", trajs[i]->label,
               cfg.lr, last->theta[0], last->theta[1], last->loss);
    }
    spec.title = "Himmelblau: Adam and GD";
    if (or_die(ov_output_open(&out, path, NULL), path))
        goto done;
    if (or_die(ov_render(ov_output_write, out, OV_FORMAT_PNG, loss,
                         (const ov_trajectory *const *)trajs, 2, &spec,
                         NULL, NULL, NULL), "render")) {
        ov_output_abort(out);
        goto done;
    }
    if (or_die(ov_output_commit(out, NULL), path))
        goto done;
    printf("wrote %s\n", path);
    rc_exit = 0;
done:
    for (i = 0; i < 2; i++)
        ov_trajectory_destroy(trajs[i]);
    ov_loss_destroy(loss);
    return rc_exit;
}
