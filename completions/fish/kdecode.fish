# kdecode(1) completion                                     -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Completes kdecode's options and their arguments (output formats, colour modes,
# the vmlinux and snapshot files, module, root, source and cache directories,
# installed kernel releases), and log files otherwise; the first word may also be
# the command "snapshot", whose options are those with the condition
# __kdecode_snapshot, or the command "index", whose options are those with the
# condition __kdecode_index, and which completes files and directories. Keep it in
# step with kdecode --help, kdecode snapshot --help and kdecode index --help;
# tests/check-options.sh checks that it is.

# the kernel releases with modules or debug files, below --sysroot when it was given
function __kdecode_releases
    set -l root ''
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case '--sysroot=*' '--root=*'
                set root (string replace -r -- '^--(sys)?root=' '' $tokens[$i])
            case --sysroot --root
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

# "kdecode index ...": the command is the first word (kdecode only sees it there)
function __kdecode_index
    set -l tokens (commandline -opc)
    set -q tokens[2]; and test "$tokens[2]" = index
end

# the first word: a log file, or the command
function __kdecode_first_word
    test (count (commandline -opc)) -eq 1
end

complete -c kdecode -n __kdecode_first_word -a snapshot -d 'Record where the kernel and modules are loaded'
complete -c kdecode -n __kdecode_first_word -a index -d 'Index debug files once, for faster decoding'

# Debug info
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s k -l vmlinux -r -F -d "The crashed kernel's vmlinux, with debug info"
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s m -l modules -x -a '(__kdecode_directories)' -d 'Look for NAME.ko below DIR (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l sysroot -x -a '(__kdecode_directories)' -d 'Decode against the root filesystem copied or mounted at DIR'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l root -x -a '(__kdecode_directories)' -d 'The same as --sysroot'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s r -l release -x -a '(__kdecode_releases)' -d 'Use the debug files of kernel release REL'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s s -l snapshot -r -F -d 'Where the modules\' sections were loaded, from kdecode snapshot (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l cache-dir -x -a '(__kdecode_directories)' -d 'Read the per-build indexes of kdecode index from DIR'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l no-cache -d 'Read no index: every file\'s own DWARF'

# Output
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l color -x -a 'auto always never' -d 'Colour the output'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s f -l format -x -a 'annotate json summary html' -d 'Output format'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s q -l quiet -d 'Print errors only, no warnings'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l count -d 'With --format=summary: one line per distinct title, with its number of reports'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l style -x -a 'below inline' -d 'With --format=annotate: where a frame\'s decoding goes'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l only-reports -d 'With --format=annotate: the reports only, not the rest of the log'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l source-url -x -d 'With --format=html: link each source place to TEMPLATE'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l fail-on -x -a 'any bug warning kasan kmsan kcsan kfence ubsan gpf oops kernel-bug panic lockup hung-task rcu-stall oom lockdep hang atomic-sleep memory-leak bad-page slab-corruption stack-overflow corrupted-list usercopy null-deref page-fault' -d 'Exit with status 5 when a report of one of KINDS is found'

# Input
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s R -l recursive -d 'Read the files below each directory FILE, in name order'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l frame -d 'Every FILE is a frame to decode, as faddr2line takes it'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s j -l jobs -x -a '0 (seq (nproc 2>/dev/null; or echo 1))' -d 'Decode N inputs at a time, in N processes (0: one per CPU)'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l strip-prefix -x -a '(__kdecode_directories)' -d 'Remove DIR/ from source file names (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l relative-paths -d 'Source file names relative to their source tree, none absolute'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s S -l source -x -a '(__kdecode_directories)' -d 'Show the source line of each place, from the tree DIR (repeatable)'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s v -l verbose -d 'Say which files are used, show ELF sections; twice: debug messages'

# Help
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s '?' -l help -d 'Give the help list'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -l usage -d 'Give a short usage message'
complete -c kdecode -n 'not __kdecode_snapshot; and not __kdecode_index' -s V -l version -d 'Print the program version'

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

# kdecode index: options, and the files to index (vmlinux or .ko files, or
# directories: every .ko below them)
complete -c kdecode -n __kdecode_index -l cache-dir -x -a '(__kdecode_directories)' -d 'Write the indexes into DIR'
complete -c kdecode -n __kdecode_index -s q -l quiet -d 'Print errors only'
complete -c kdecode -n __kdecode_index -s v -l verbose -d 'Say which index each file went to'
complete -c kdecode -n __kdecode_index -s '?' -l help -d 'Give the help list'
complete -c kdecode -n __kdecode_index -l usage -d 'Give a short usage message'
complete -c kdecode -n __kdecode_index -s V -l version -d 'Print the program version'
