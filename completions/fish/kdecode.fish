# kdecode(1) completion                                     -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Completes kdecode's options and their arguments (output formats, colour modes,
# the vmlinux file, module, root and source directories, installed kernel
# releases), and log files otherwise. Keep it in step with kdecode --help;
# tests/check-options.sh checks that it is.

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

# Debug info
complete -c kdecode -s k -l vmlinux -r -F -d "The crashed kernel's vmlinux, with debug info"
complete -c kdecode -s m -l modules -x -a '(__kdecode_directories)' -d 'Look for NAME.ko below DIR (repeatable)'
complete -c kdecode -l root -x -a '(__kdecode_directories)' -d 'Look for system files under DIR instead of /'
complete -c kdecode -s r -l release -x -a '(__kdecode_releases)' -d 'Use the debug files of kernel release REL'

# Output
complete -c kdecode -l color -x -a 'auto always never' -d 'Colour the output'
complete -c kdecode -s f -l format -x -a 'annotate json summary' -d 'Output format'
complete -c kdecode -s q -l quiet -d 'Print errors only, no warnings'
complete -c kdecode -l strip-prefix -x -a '(__kdecode_directories)' -d 'Remove DIR/ from source file names (repeatable)'
complete -c kdecode -s v -l verbose -d 'Say which files are used, show ELF sections; twice: debug messages'

# Help
complete -c kdecode -s '?' -l help -d 'Give the help list'
complete -c kdecode -l usage -d 'Give a short usage message'
complete -c kdecode -s V -l version -d 'Print the program version'
