" Loom schema files: the `.loom` files loomgen compiles (Vim and Neovim).
autocmd BufNewFile,BufRead *.loom setfiletype loom
