" Filetype settings for Loom schemas (.loom): the layout `loomgen fmt` writes, comments, folding by braces.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1
let s:cpo_save = &cpo
set cpo&vim

" `commentstring` for `gc` (Neovim 0.10, vim-commentary); `comments` so that `gq` and a new line continue a comment
" with its own leader: `///` is listed before `//`, so documentation stays documentation.
setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,:///,://
setlocal formatoptions-=t formatoptions+=croql
" loomgen fmt indents by two spaces.
setlocal shiftwidth=2 softtabstop=2 expandtab autoindent smartindent cinwords=
" The syntax file gives every `{ … }` body a fold; start with them open rather than the whole schema folded.
setlocal foldmethod=syntax foldlevel=99

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< shiftwidth< softtabstop< expandtab<'
      \ . ' autoindent< smartindent< cinwords< foldmethod< foldlevel<'

let &cpo = s:cpo_save
unlet s:cpo_save
