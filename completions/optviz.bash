# bash completion for optviz                                  -*- shell-script -*-
#
# Options, their value names and choices are read from `optviz --help`, and
# loss, algorithm and colormap names from `optviz --list`, so completion
# follows the installed version.  Installed as
# share/bash-completion/completions/optviz; or source it from ~/.bashrc.

# Prints "name value-name" for every long option ("-" when it takes none).
_optviz_options()
{
    "$1" --help 2>/dev/null | sed -n \
        's/^ \{2,\}\(-[A-Za-z], \)\{0,1\}--\([a-z0-9-]*\)\( \([^ ]*\)\)\{0,1\}.*/\2 \4/p' |
        awk '{ print $1, ($2 == "" ? "-" : $2) }'
}

# Names in the first column of `optviz --list WHAT`.
_optviz_names()
{
    "$1" --list "$2" 2>/dev/null | awk '/^[a-z]/ { print $1 }'
}

_optviz()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        if [[ $cur == --*=* ]]; then
            prev=${cur%%=*}
            cur=${cur#*=}
            split=true
        fi
    fi
    local prog=${COMP_WORDS[0]}
    command -v "$prog" >/dev/null 2>&1 || prog=optviz

    local table vname
    table=$(_optviz_options "$prog")
    case $prev in
        -a) prev=--algo ;;
        -l) prev=--loss ;;
        -o) prev=--output ;;
        -j) prev=--jobs ;;
    esac
    if [[ $prev == --* ]]; then
        vname=$(awk -v o="${prev#--}" '$1 == o { print $2 }' <<<"$table")
    fi

    if [[ -n $vname && $vname != - ]]; then
        case $prev in
            --loss)
                if [[ $cur == grid:* ]]; then
                    # grid:FILE: a landscape file after the prefix.
                    COMPREPLY=($(compgen -P grid: -f -- "${cur#grid:}"))
                    compopt -o filenames 2>/dev/null
                else
                    COMPREPLY=($(compgen -W "$(_optviz_names "$prog" losses) grid:" -- "$cur"))
                    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == grid: ]] &&
                        compopt -o nospace 2>/dev/null
                fi ;;
            --colormap)
                COMPREPLY=($(compgen -W "$(_optviz_names "$prog" colormaps)" -- "$cur")) ;;
            --schedule)
                # Names from --help's list; keys after a ':' are typed.
                [[ $cur == *:* ]] && return
                COMPREPLY=($(compgen -W "step multistep exponential cosine cosine-restarts cyclic onecycle linear constant polynomial wsd inv-sqrt" -- "$cur")) ;;
            --algo)
                # A comma-separated list; after a ':' come an item's keys.
                local head=${cur%,*} item=${cur##*,}
                [[ $cur == *,* ]] && head="$head," || head=
                if [[ $item == *:* ]]; then
                    # The hyper-parameter table's keys, in its order
                    # (tests/test_param.c fails when they differ).
                    local keys
                    keys=$(awk '$1 ~ /^(lr|momentum|dampening|nesterov|weight-decay|alpha|centered|rho|beta1|beta2|eps|amsgrad|lr-decay|initial-accumulator-value|initial-acc-delta|momentum-decay|lambd|t0|eta-minus|eta-plus|step-size-min|step-size-max|maximize|nag-form|beta3|t-alpha-beta3|d0|d-coef|warmup-steps|r|weight-lr-power|show|max-iter|max-eval|tolerance-grad|tolerance-change|history-size|line-search|batch-size)$/ { print $1 "=" }' <<<"$table")
                    COMPREPLY=($(compgen -P "$head${item%:*}:" -W "$keys label= color= style=points style=lines" -- "${item##*:}"))
                else
                    COMPREPLY=($(compgen -P "$head" -W "$(_optviz_names "$prog" algos)" -- "$item"))
                fi
                compopt -o nospace 2>/dev/null ;;
            --output)
                COMPREPLY=($(compgen -f -X '!*.@(gif|png|svg|pdf|mp4|webm|html|htm|GIF|PNG|SVG|PDF|MP4|WEBM|HTML|HTM)' -- "$cur")
                           $(compgen -d -S / -- "$cur"))
                compopt -o filenames -o nospace 2>/dev/null ;;
            --trajectory)
                COMPREPLY=($(compgen -f -X '!*.@(csv|json)' -- "$cur")
                           $(compgen -d -S / -- "$cur") $(compgen -W - -- "$cur"))
                compopt -o filenames -o nospace 2>/dev/null ;;
            --sliders)
                # A comma-separated list of the live page's controls.
                local head=${cur%,*}
                [[ $cur == *,* ]] && head="$head," || head=
                COMPREPLY=($(compgen -P "$head" -W "lr momentum start" -- "${cur##*,}"))
                compopt -o nospace 2>/dev/null ;;
            --tune)
                COMPREPLY=($(compgen -W "lr=" -- "$cur"))
                compopt -o nospace 2>/dev/null ;;
            --data|--batch|--import)
                COMPREPLY=($(compgen -f -- "$cur"))
                compopt -o filenames 2>/dev/null ;;
            *)
                if [[ $vname == *'|'* ]]; then
                    COMPREPLY=($(compgen -W "${vname//|/ }" -- "$cur"))
                fi ;;
        esac
        return
    fi
    $split && return

    if [[ $cur == -* ]]; then
        local opts
        opts=$(awk '{ print "--" $1 }' <<<"$table")
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
}
shopt -s extglob 2>/dev/null
complete -F _optviz optviz
