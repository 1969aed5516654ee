# kdecode(1) completion                                     -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Completes kdecode's options and their arguments (output formats, colour modes,
# the vmlinux and snapshot files, module, root and source directories, installed
# kernel releases), and log files otherwise; the first word may also be the
# command "snapshot", whose options are those with the condition
# __kdecode_snapshot. Keep it in step with kdecode --help and kdecode snapshot
# --help; tests/check-options.sh checks that it is.

# the kernel releases with modules or debug files, below --root when it was given
function __kdecode_releases
    set -l root ''
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case '--root=*'
                set root (string replace -- '--root=' '' $tokens[$i])
            case --root
                set -l next (math $i + 1)
                set -q tokens[$next]; and set root $tokens[$next]
        end
    end
    for dir in $root/lib/modules/* $root/usr/lib/debug/lib/modules/*
        test -d $dir; and basename $dir
    end | sort -u
end

# directories for the token under the cursor, without its "--option=" part
function __kdecode_directories
    __fish_complete_directories (commandline -ct | string replace -r -- '^--[^=]*=' '')
end

# "kdecode snapshot ...": the command is the first word (kdecode only sees it there)
function __kdecode_snapshot
    set -l tokens (commandline -opc)
    set -q tokens[2]; and test "$tokens[2]" = snapshot
end

# the first word: a log file, or the command
function __kdecode_first_word
    test (count (commandline -opc)) -eq 1
end

complete -c kdecode -n __kdecode_first_word -a snapshot -d 'Record where the kernel and modules are loaded'

# Debug info
complete -c kdecode -n 'not __kdecode_snapshot' -s k -l vmlinux -r -F -d "The crashed kernel's vmlinux, with debug info"
complete -c kdecode -n 'not __kdecode_snapshot' -s m -l modules -x -a '(__kdecode_directories)' -d 'Look for NAME.ko below DIR (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot' -l root -x -a '(__kdecode_directories)' -d 'Look for system files under DIR instead of /'
complete -c kdecode -n 'not __kdecode_snapshot' -s r -l release -x -a '(__kdecode_releases)' -d 'Use the debug files of kernel release REL'
complete -c kdecode -n 'not __kdecode_snapshot' -s s -l snapshot -r -F -d 'Where the modules\' sections were loaded, from kdecode snapshot (repeatable)'

# Output
complete -c kdecode -n 'not __kdecode_snapshot' -l color -x -a 'auto always never' -d 'Colour the output'
complete -c kdecode -n 'not __kdecode_snapshot' -s f -l format -x -a 'annotate json summary' -d 'Output format'
complete -c kdecode -n 'not __kdecode_snapshot' -s q -l quiet -d 'Print errors only, no warnings'
complete -c kdecode -n 'not __kdecode_snapshot' -l count -d 'With --format=summary: one line per distinct title, with its number of reports'
complete -c kdecode -n 'not __kdecode_snapshot' -l fail-on -x -a 'any bug warning kasan kmsan kcsan kfence ubsan gpf oops kernel-bug panic lockup hung-task rcu-stall oom lockdep hang atomic-sleep memory-leak bad-page slab-corruption stack-overflow corrupted-list usercopy null-deref page-fault' -d 'Exit with status 5 when a report of one of KINDS is found'

# Input
complete -c kdecode -n 'not __kdecode_snapshot' -s R -l recursive -d 'Read the files below each directory FILE, in name order'
complete -c kdecode -n 'not __kdecode_snapshot' -s j -l jobs -x -a '0 (seq (nproc 2>/dev/null; or echo 1))' -d 'Decode N inputs at a time, in N processes (0: one per CPU)'
complete -c kdecode -n 'not __kdecode_snapshot' -l strip-prefix -x -a '(__kdecode_directories)' -d 'Remove DIR/ from source file names (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot' -s v -l verbose -d 'Say which files are used, show ELF sections; twice: debug messages'

# Help
complete -c kdecode -n 'not __kdecode_snapshot' -s '?' -l help -d 'Give the help list'
complete -c kdecode -n 'not __kdecode_snapshot' -l usage -d 'Give a short usage message'
complete -c kdecode -n 'not __kdecode_snapshot' -s V -l version -d 'Print the program version'

# kdecode snapshot: options only, no file arguments
complete -c kdecode -n __kdecode_snapshot -f
complete -c kdecode -n __kdecode_snapshot -s o -l output -r -F -d 'Write the snapshot to FILE (FILE.gz: gzip), not stdout'
complete -c kdecode -n __kdecode_snapshot -l append -r -F -d 'Add it to the history FILE, unless the layout is unchanged'
complete -c kdecode -n __kdecode_snapshot -l kallsyms -d 'Embed /proc/kallsyms, to decode without any debug info'
complete -c kdecode -n __kdecode_snapshot -l root -x -a '(__kdecode_directories)' -d 'Read proc/ and sys/ under DIR instead of /'
complete -c kdecode -n __kdecode_snapshot -s q -l quiet -d 'Print errors only'
complete -c kdecode -n __kdecode_snapshot -s v -l verbose -d 'Say what was recorded'
complete -c kdecode -n __kdecode_snapshot -s '?' -l help -d 'Give the help list'
complete -c kdecode -n __kdecode_snapshot -l usage -d 'Give a short usage message'
complete -c kdecode -n __kdecode_snapshot -s V -l version -d 'Print the program version'
